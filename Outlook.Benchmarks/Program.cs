using Outlook.Benchmarks;
using Outlook.Benchmarks.Personas;

if (args.Length > 0 && args[0] == "personas-eval")
{
    var corpusPath = args.Length > 1 ? args[1] : Path.Combine(BenchmarkRunnerPaths.RepositoryRoot(), "data", "enron-mail-metadata.jsonl.gz");
    Console.WriteLine(PersonaEvaluation.Run(corpusPath));
    return 0;
}

if (args.Length > 0 && args[0] == BareServer.Command)
{
    return await BareServer.RunAsync(args[1..]);
}

if (args.Length == 0 || !SuiteRunner.Suites.Contains(args[0]))
{
    Console.WriteLine(SuiteRunner.Usage);
    return 1;
}

return await SuiteRunner.RunAsync(args[0], args[1..]);
