package dev.warden.integrations.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Addresses a check never connects to, whatever the allow-list says: link-local ones, where clouds
 * serve instance metadata and credentials ({@code 169.254.169.254}, {@code fd00:ec2::254}), and
 * addresses that are not one host (unspecified, multicast). A listed name that resolves to one of
 * them is refused, which stops a DNS entry pointed at the metadata service.
 */
final class ForbiddenAddresses {
  private static final byte[] AWS_IPV6_METADATA = literal("fd00:ec2::254");
  private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0};

  private ForbiddenAddresses() {}

  /** Why the address is refused, or empty when a check may connect to it. */
  static Optional<String> reason(InetAddress address) {
    if (address.isLinkLocalAddress()) {
      return Optional.of("link-local");
    }
    if (address.isAnyLocalAddress()) {
      return Optional.of("unspecified");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("multicast");
    }
    if (address instanceof Inet6Address) {
      byte[] bytes = address.getAddress();
      if (Arrays.equals(bytes, AWS_IPV6_METADATA)) {
        return Optional.of("a cloud metadata address");
      }
      if (embedsIpv4(bytes)) {
        // ::a.b.c.d and the NAT64 prefix 64:ff9b::/96 reach an IPv4 address by another name
        try {
          return reason(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
        } catch (UnknownHostException e) {
          throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean embedsIpv4(byte[] ipv6) {
    boolean compatible = true;
    for (int i = 0; i < 12; i++) {
      compatible &= ipv6[i] == 0;
    }
    boolean nat64 = true;
    for (int i = 0; i < 12; i++) {
      nat64 &= ipv6[i] == (i < NAT64_PREFIX.length ? NAT64_PREFIX[i] : 0);
    }
    boolean loopbackOrUnspecified =
        compatible && ipv6[12] == 0 && ipv6[13] == 0 && ipv6[14] == 0 && (ipv6[15] & 0xfe) == 0;
    return (compatible && !loopbackOrUnspecified) || nat64;
  }

  private static byte[] literal(String address) {
    try {
      InetAddress parsed = InetAddress.getByName(address);
      if (parsed instanceof Inet4Address) {
        throw new IllegalStateException(address + " is not an IPv6 address");
      }
      return parsed.getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(address + " is not an address", e);
    }
  }
}
