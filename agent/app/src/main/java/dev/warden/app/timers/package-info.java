/** What the application's durable Quartz timers (approval expiry, runbook runs) share. */
package dev.warden.app.timers;
