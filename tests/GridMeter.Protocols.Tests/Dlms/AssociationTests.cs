using System.Text;
using GridMeter.Protocols.Dlms;

namespace GridMeter.Protocols.Tests.Dlms;

public sealed class AssociationTests
{
    [Fact]
    public void Aare_accepting_a_logical_name_association_matches_the_green_book_example()
    {
        // DLMS UA Green Book, AARE encoding example: accepted, conformance 0x00501F, server PDU size 500.
        const string Expected = "6129A109060760857405080101A203020100A305A103020100BE10040E0800065F1F040000501F01F40007";
        var decoded = Aare.TryDecode(Hex.Bytes(Expected)).Value;
        Assert.Equal(Aare.Accept(ApplicationContext.LogicalName, (Conformance)0x00501F, 500), decoded);
        Assert.Equal(Expected, Hex.Of(decoded.ToArray()));
    }

    [Fact]
    public void Aarq_with_a_password_names_low_level_security_and_carries_the_password()
    {
        var aarq = new Aarq(ApplicationContext.LogicalName, Conformance.Get | Conformance.Action | Conformance.BlockTransferWithGetOrRead, 0x0400, Encoding.ASCII.GetBytes("12345678"));
        var bytes = aarq.ToArray();

        // Green Book §9.4.2.2: sender-acse-requirements 8A 02 07 80, mechanism-name 8B 07 …02 01, calling-authentication-value AC.
        Assert.Contains("8A0207808B0760857405080201AC0A80083132333435363738", Hex.Of(bytes), StringComparison.Ordinal);
        var decoded = Aarq.TryDecode(bytes).Value;
        Assert.True(decoded.UsesLowLevelSecurity);
        Assert.Equal("12345678", Encoding.ASCII.GetString(decoded.Password.Span));
        Assert.Equal((aarq.ProposedConformance, aarq.MaxReceivePduSize), (decoded.ProposedConformance, decoded.MaxReceivePduSize));
    }

    [Fact]
    public void Aare_rejecting_a_wrong_password_reports_authentication_failure()
    {
        var bytes = Aare.Reject(ApplicationContext.LogicalName, Aare.AuthenticationFailure).ToArray();
        Assert.Equal("6117A109060760857405080101A203020101A305A10302010D", Hex.Of(bytes)[..50]);
        var decoded = Aare.TryDecode(bytes).Value;
        Assert.Equal((AssociationResult.RejectedPermanent, Aare.AuthenticationFailure), (decoded.Result, decoded.Diagnostic));
    }

    [Theory]
    [InlineData("", ProtocolErrorKind.Malformed)]
    [InlineData("601D", ProtocolErrorKind.Incomplete)]
    [InlineData("6003A10100", ProtocolErrorKind.Unsupported)]
    [InlineData("6203A10100", ProtocolErrorKind.Malformed)]
    public void Broken_association_apdus_give_an_error(string hex, ProtocolErrorKind kind)
    {
        Assert.Equal(kind, Aarq.TryDecode(Hex.Bytes(hex)).Error.Kind);
    }
}
