namespace GridMeter.Protocols.Dlms;

/// <summary>Green Book §9.4.2.2.5 association-result of an AARE.</summary>
public enum AssociationResult : byte
{
    Accepted = 0,
    RejectedPermanent = 1,
    RejectedTransient = 2,
}
