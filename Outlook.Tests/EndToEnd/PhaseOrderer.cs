using Xunit.Abstractions;
using Xunit.Sdk;

namespace Outlook.Tests.EndToEnd;

/// <summary>Position of a fault phase in its replay: a fault whose effects outlast it (Redis losing its data) goes last.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PhaseAttribute(int order) : Attribute
{
    public int Order { get; } = order;
}

/// <summary>Runs the tests of a class in the order of their <see cref="PhaseAttribute"/>.</summary>
public sealed class PhaseOrderer : ITestCaseOrderer
{
    public const string TypeName = "Outlook.Tests.EndToEnd.PhaseOrderer";
    public const string AssemblyName = "Outlook.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(testCase => testCase.TestMethod.Method
            .GetCustomAttributes(typeof(PhaseAttribute).AssemblyQualifiedName)
            .Select(attribute => attribute.GetNamedArgument<int>(nameof(PhaseAttribute.Order)))
            .DefaultIfEmpty(int.MaxValue)
            .First());
}
