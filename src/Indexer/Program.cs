using Explorer.Indexer.Cli;

return await CommandLine.RunAsync(args);
