package dev.warden.integrations.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Looks up the addresses of a host, so that a check can refuse a listed name that points at a
 * forbidden address. The system resolver in production; tests give fixed answers.
 */
@FunctionalInterface
interface HostResolver {
  /** Every address of the host (one for a literal address). */
  InetAddress[] resolve(String host) throws UnknownHostException;
}
