namespace SmeAi.Grains.Alerts;

public enum AlertTransition
{
    None,
    Raise,
    Clear,
}
