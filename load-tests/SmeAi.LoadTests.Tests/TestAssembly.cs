// Each smoke test measures a maximum rate and then loads at a share of it; another test's silo or broker running at
// the same time on a small machine would make a rate measured while it idled too high for the load that follows.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
