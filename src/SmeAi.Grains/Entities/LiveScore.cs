namespace SmeAi.Grains.Entities;

/// <summary>A live event's score and the model version that gave it: the trainer judges drift per version.</summary>
internal readonly record struct LiveScore(int ModelVersion, float Score);
