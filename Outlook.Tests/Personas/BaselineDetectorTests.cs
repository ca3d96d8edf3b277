using Outlook.Contracts.Alerts;
using Outlook.Worker.Personas.Events;
using Outlook.Worker.Personas.State;

namespace Outlook.Tests.Personas;

public sealed class BaselineDetectorTests
{
    /// <summary>Five weeks after the start, a Tuesday: the persona is warm by then.</summary>
    private static readonly DateTimeOffset AfterWarmup = PersonaEvents.Start.AddDays(36);

    private static PersonaState WarmPersona()
    {
        var state = new PersonaState();
        var alerts = PersonaEvents.Replay(state, PersonaEvents.NineToFive(35));
        Assert.Empty(alerts);
        return state;
    }

    [Fact]
    public void Exfiltration_AttachmentBurst_FiresAndGrowsOneAlert()
    {
        var state = WarmPersona();
        var burst = Enumerable.Range(0, 7).Select(i => PersonaEvents.Sent(AfterWarmup.AddHours(10).AddMinutes(i), [PersonaEvents.Partner], hasAttachments: true));

        var alerts = PersonaEvents.Replay(state, burst).Where(a => a.DetectorId == AlertDetectors.Exfiltration).ToList();

        Assert.Equal(3, alerts.Count);
        Assert.Single(alerts.Select(a => a.AlertId).Distinct());
        Assert.Equal(3, alerts[^1].Count);
        Assert.Equal(7, alerts[^1].Evidence.Observed);
        Assert.Equal([PersonaEvents.Partner], alerts[^1].Evidence.Domains);
    }

    [Fact]
    public void Exfiltration_FewAttachments_IsSilent()
    {
        var state = WarmPersona();
        var sends = Enumerable.Range(0, 2).Select(i => PersonaEvents.Sent(AfterWarmup.AddHours(10).AddMinutes(i), [PersonaEvents.Partner], hasAttachments: true));

        Assert.Empty(PersonaEvents.Replay(state, sends));
    }

    [Fact]
    public void Exfiltration_BurstBeforeWarmup_IsSilent()
    {
        var state = new PersonaState();
        var history = PersonaEvents.NineToFive(3);
        var burst = Enumerable.Range(0, 10).Select(i => PersonaEvents.Sent(PersonaEvents.Start.AddDays(3).AddHours(11).AddMinutes(i), [PersonaEvents.Partner], hasAttachments: true));

        Assert.Empty(PersonaEvents.Replay(state, history.Concat(burst)));
    }

    [Fact]
    public void NewDomain_BurstToFirstSeenDomain_Fires()
    {
        var state = WarmPersona();
        var burst = Enumerable.Range(0, 5).Select(i => PersonaEvents.Sent(AfterWarmup.AddHours(11).AddMinutes(10 * i), ["fresh.example"]));

        var alert = Assert.Single(PersonaEvents.Replay(state, burst));

        Assert.Equal(AlertDetectors.NewDomain, alert.DetectorId);
        Assert.Equal("fresh.example", alert.IncidentKey);
    }

    [Fact]
    public void NewDomain_BurstToKnownDomain_IsSilent()
    {
        var state = WarmPersona();
        var burst = Enumerable.Range(0, 5).Select(i => PersonaEvents.Sent(AfterWarmup.AddHours(11).AddMinutes(10 * i), [PersonaEvents.Partner]));

        Assert.Empty(PersonaEvents.Replay(state, burst));
    }

    [Fact]
    public void NewDomain_FewMessagesToFirstSeenDomain_IsSilent()
    {
        var state = WarmPersona();
        var sends = Enumerable.Range(0, 2).Select(i => PersonaEvents.Sent(AfterWarmup.AddHours(11).AddMinutes(10 * i), ["fresh.example"]));

        Assert.Empty(PersonaEvents.Replay(state, sends));
    }

    [Fact]
    public void OffHours_SendingAtThreeAm_Fires()
    {
        var state = WarmPersona();

        var alert = Assert.Single(PersonaEvents.Replay(state, [PersonaEvents.Sent(AfterWarmup.AddHours(3).AddMinutes(10), ["contoso.com"])]));

        Assert.Equal(AlertDetectors.OffHours, alert.DetectorId);
        Assert.Equal(2 * 24 + 3, alert.Evidence.LocalHourOfWeek);
    }

    [Fact]
    public void OffHours_SendingAtUsualHour_IsSilent()
    {
        var state = WarmPersona();

        Assert.Empty(PersonaEvents.Replay(state, [PersonaEvents.Sent(AfterWarmup.AddHours(11), ["contoso.com"])]));
    }

    [Fact]
    public void OffHours_ReceivingAtThreeAm_IsSilent()
    {
        var state = WarmPersona();

        Assert.Empty(PersonaEvents.Replay(state, [PersonaEvents.Received(AfterWarmup.AddHours(3), "kim@contoso.com")]));
    }

    [Fact]
    public void OffHours_BeforeEnoughActivity_IsSilent()
    {
        var state = new PersonaState();
        PersonaEvents.Replay(state, PersonaEvents.NineToFive(35).Where(evt => evt.Payload!.Action != EventActions.EmailSent || evt.Timestamp < PersonaEvents.Start.AddDays(4)));

        Assert.Empty(PersonaEvents.Replay(state, [PersonaEvents.Sent(AfterWarmup.AddHours(3), ["contoso.com"])]));
    }

    [Fact]
    public void Drift_MonthLongRiseOfExternalMail_Fires()
    {
        var state = new PersonaState();
        PersonaEvents.Replay(state, PersonaEvents.NineToFive(63));

        var alerts = PersonaEvents.Replay(state, Ramp(startDay: 63, days: 35, peakPerDay: 8));

        Assert.Contains(alerts, alert => alert.DetectorId == AlertDetectors.Drift && alert.IncidentKey == "external_volume");
    }

    [Fact]
    public void Drift_SteadyUser_IsSilent()
    {
        var alerts = PersonaEvents.Replay(new PersonaState(), PersonaEvents.NineToFive(120));

        Assert.Empty(alerts);
    }

    [Fact]
    public void Drift_SingleDayBurst_IsSilent()
    {
        var state = new PersonaState();
        PersonaEvents.Replay(state, PersonaEvents.NineToFive(63));
        var burstDay = PersonaEvents.Start.AddDays(64).AddHours(10);
        var burst = Enumerable.Range(0, 30).Select(i => PersonaEvents.Sent(burstDay.AddMinutes(i), [PersonaEvents.Partner]));
        var after = PersonaEvents.NineToFive(100).Where(evt => evt.Timestamp > burstDay.AddDays(1));

        var alerts = PersonaEvents.Replay(state, burst.Concat(after));

        Assert.DoesNotContain(alerts, alert => alert.DetectorId == AlertDetectors.Drift);
    }

    /// <summary>External messages on each working day, rising linearly to <paramref name="peakPerDay"/>.</summary>
    private static IEnumerable<PersonaEvent> Ramp(int startDay, int days, int peakPerDay)
    {
        for (var d = 0; d < days; d++)
        {
            var date = PersonaEvents.Start.AddDays(startDay + d);
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            var count = (int)Math.Ceiling((d + 1) * (double)peakPerDay / days);
            for (var i = 0; i < count; i++)
            {
                yield return PersonaEvents.Sent(date.AddHours(12).AddMinutes(5 * i), [PersonaEvents.Partner]);
            }
        }
    }
}
