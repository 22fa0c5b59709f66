namespace GridMeter.Server.Alerts;

/// <summary>What the SMS gateway receives (CONTRACT section 1).</summary>
public sealed record SmsMessage(string To, string Text);
