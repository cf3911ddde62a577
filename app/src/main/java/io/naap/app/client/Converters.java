package io.naap.app.client;

import io.naap.attestations.EvmAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.OptionalLong;
import picocli.CommandLine;

/** Option converters shared by the commands that talk to the API and the chain. */
public final class Converters {
  private Converters() {}

  /** An address: 0x and 40 hex digits, all lower or upper case, or EIP-55 checksummed. */
  public static final class Address implements CommandLine.ITypeConverter<EvmAddress> {
    @Override
    public EvmAddress convert(String value) {
      try {
        return EvmAddress.fromHex(value.strip());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "'"
                + value
                + "' is not an address: 0x and 40 hex digits, lower or upper case, or EIP-55"
                + " checksummed ("
                + e.getMessage()
                + ")");
      }
    }
  }

  /** {@code latest} (empty) or an epoch number, 1 or more. */
  public static final class Epoch implements CommandLine.ITypeConverter<OptionalLong> {
    @Override
    public OptionalLong convert(String value) {
      String text = value.strip();
      if ("latest".equals(text)) {
        return OptionalLong.empty();
      }
      try {
        long epoch = Long.parseLong(text);
        if (epoch >= 1) {
          return OptionalLong.of(epoch);
        }
      } catch (NumberFormatException e) {
        // answered below
      }
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not an epoch: latest or a number, 1 or more");
    }
  }

  /** An http or https URL with a host. */
  public static final class HttpUrl implements CommandLine.ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      try {
        URI uri = new URI(value.strip());
        if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            && uri.getHost() != null) {
          return uri;
        }
      } catch (URISyntaxException e) {
        // answered below
      }
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not an http(s) URL such as http://127.0.0.1:8080");
    }
  }
}
