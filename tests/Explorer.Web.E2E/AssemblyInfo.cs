// Two browser fixtures (plain store, indexed store): one at a time on a shared, loaded machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
