namespace SmeAi.LoadTests.Pipeline;

/// <summary>
/// A silo the harness did not start: the Kafka it reads, its HTTP API (retrain and promote need the API key) and,
/// when it runs on this machine, its process id, from which CPU and memory are sampled.
/// </summary>
internal sealed record RunningSilo(string BootstrapServers, Uri ApiUrl, string ApiKey, int? ProcessId);
