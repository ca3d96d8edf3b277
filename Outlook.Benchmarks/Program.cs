Console.WriteLine("Outlook benchmarks: nothing to run yet.");
