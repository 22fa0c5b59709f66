using System.Diagnostics.CodeAnalysis;

namespace GridMeter.Protocols;

/// <summary>
/// The outcome of decoding: a value and how many input bytes it used, or a <see cref="ProtocolError"/>.
/// Decoders return errors for bad input instead of throwing; only misuse of the API throws.
/// </summary>
public readonly struct DecodeResult<T>
{
    private readonly T? _value;
    private readonly ProtocolError _error;

    public DecodeResult(T value, int consumed)
    {
        _value = value;
        Consumed = consumed;
        IsSuccess = true;
    }

    private DecodeResult(ProtocolError error)
    {
        _error = error;
        _value = default;
    }

    [MemberNotNullWhen(true, nameof(ValueOrDefault))]
    public bool IsSuccess { get; }

    /// <summary>Input bytes the decoded value occupied (0 on error).</summary>
    public int Consumed { get; }

    public T Value => IsSuccess ? _value! : throw new ProtocolException($"No value: {_error}");

    public T? ValueOrDefault => _value;

    public ProtocolError Error => IsSuccess ? throw new ProtocolException("The decode succeeded") : _error;

    /// <summary>More bytes may complete the input: not an error on a stream, only at its end.</summary>
    public bool IsIncomplete => !IsSuccess && _error.Kind == ProtocolErrorKind.Incomplete;

    public static implicit operator DecodeResult<T>(ProtocolError error) => new(error);

    public static DecodeResult<T> Failure(ProtocolError error) => new(error);

    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return IsSuccess;
    }

    public override string ToString() => IsSuccess ? $"Ok({_value}, {Consumed} bytes)" : _error.ToString();
}
