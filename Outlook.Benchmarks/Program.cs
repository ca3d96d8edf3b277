using Outlook.Benchmarks.Personas;

if (args.Length > 0 && args[0] == "personas-eval")
{
    var corpusPath = args.Length > 1 ? args[1] : FindCorpus();
    Console.WriteLine(PersonaEvaluation.Run(corpusPath));
    return 0;
}

Console.WriteLine("Usage: Outlook.Benchmarks personas-eval [CORPUS_PATH]  (default: data/enron-mail-metadata.jsonl.gz of the repository)");
return 1;

static string FindCorpus()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        var candidate = Path.Combine(directory.FullName, "data", "enron-mail-metadata.jsonl.gz");
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    throw new FileNotFoundException("data/enron-mail-metadata.jsonl.gz was not found above the program's directory; pass the corpus path as the second argument.");
}
