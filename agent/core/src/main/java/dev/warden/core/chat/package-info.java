/**
 * Where Warden talks to people in the team's chat (Slack). The port: posting, updating and
 * ephemerally answering messages ({@link dev.warden.core.chat.ChatSurface}) with a small
 * vendor-free block model for their layout, and what people send back ({@link
 * dev.warden.core.chat.ChatInteractions}: commands, button clicks, mentions), routed by {@link
 * dev.warden.core.chat.ChatDesk}. {@link dev.warden.core.chat.ChatStream} shows a model's answer
 * growing in one message. The sub-packages hold the conversations: {@code command} (the {@code
 * /warden} commands), {@code approval} (approval messages and their buttons) and {@code alerts}
 * (one thread per alert group). The adapter in {@code integrations} maps all of it to the vendor's
 * API; nothing here knows Slack.
 */
package dev.warden.core.chat;
