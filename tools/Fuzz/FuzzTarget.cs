namespace Explorer.Fuzz;

/// <summary>A named decoder entry point with its seed corpus.</summary>
/// <param name="Name">Name used by scripts/fuzz.sh and the tests (e.g. "colu-payload").</param>
/// <param name="Kind">What the input bytes are.</param>
/// <param name="Description">What the target calls.</param>
/// <param name="Run">The call; the harness's own input parsing never throws, so any escaping exception is a decoder bug.</param>
/// <param name="Seeds">Seed inputs built from the test vectors.</param>
public sealed record FuzzTarget(string Name, FuzzInputKind Kind, string Description, FuzzAction Run, Func<SeedCorpus, IReadOnlyList<byte[]>> Seeds);
