using BenchmarkDotNet.Running;

// Every [Benchmark] class of this assembly; pick with --filter, e.g. --filter *OpenAssets*.
BenchmarkSwitcher.FromAssembly(typeof(Explorer.Benchmarks.Indexer.PrefilterBenchmarks).Assembly).Run(args);
