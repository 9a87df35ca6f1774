/**
 * The {@code ./warden} command line (picocli). Commands start without a Spring context; those that
 * need the running server talk to it over HTTP ({@code --url}, default {@code
 * http://localhost:8080}).
 */
package dev.warden.app.cli;
