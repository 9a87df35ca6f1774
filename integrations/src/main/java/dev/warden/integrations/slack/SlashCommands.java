package dev.warden.integrations.slack;

import dev.warden.core.chat.ButtonClick;
import dev.warden.core.chat.ChatInteractions;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.CommandRequest;
import dev.warden.core.chat.Mention;
import dev.warden.core.chat.Responder;
import java.util.Locale;

/**
 * The interactions Slack gets while the application wires none: {@code /warden} answers its usage
 * as an ephemeral text ({@code help} is the only command; any other gets the usage too, never an
 * error trace), clicks and mentions are ignored. The command's name is whatever the team called it
 * in their Slack app ({@code /warden} by default), and the usage uses that name.
 */
final class SlashCommands implements ChatInteractions {
  /** The one instance. */
  static final SlashCommands USAGE = new SlashCommands();

  private SlashCommands() {}

  @Override
  public ChatMessage command(CommandRequest request, Responder later) {
    return ChatMessage.text(answer(request.command(), request.text()));
  }

  @Override
  public void clicked(ButtonClick click, Responder later) {}

  @Override
  public void mentioned(Mention mention) {}

  /** The answer to {@code command text}. */
  static String answer(String command, String text) {
    String name = command == null || command.isBlank() ? "/warden" : command.trim();
    String first = firstWord(text);
    if (isKnown(text)) {
      return usage(name);
    }
    return "Unknown command `" + shorten(first) + "`.\n" + usage(name);
  }

  /** Whether the text asks for a command that is built (an empty text means {@code help}). */
  static boolean isKnown(String text) {
    String first = firstWord(text);
    return first.isEmpty() || first.equals("help");
  }

  private static String firstWord(String text) {
    String words = text == null ? "" : text.trim();
    return words.isEmpty() ? "" : words.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
  }

  static String usage(String name) {
    return "Usage: `"
        + name
        + " help` shows this message.\n"
        + "Other commands (status, alerts, runbooks, approvals, freeze, usage, summarize) are not"
        + " built yet in this version of Warden.";
  }

  /** The unknown word as typed, cut short and without backticks so it cannot break the markup. */
  private static String shorten(String word) {
    String clean = word.replace("`", "'");
    return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
  }
}
