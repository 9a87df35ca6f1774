/**
 * The chat surface port: posting, updating and ephemerally answering messages in the team's chat
 * (Slack), with a small vendor-free block model for their layout. The adapter in {@code
 * integrations} maps it to the vendor's API; nothing here knows Slack. Depends on nothing else.
 */
package dev.warden.core.chat;
