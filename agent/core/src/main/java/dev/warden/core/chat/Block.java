package dev.warden.core.chat;

import java.util.List;

/**
 * One part of a message's layout: the few kinds Warden uses, which every chat surface can render
 * (Slack maps them to Block Kit's section, context and actions blocks). Text is the surface's light
 * markup ({@code *bold*}, {@code `code`}).
 */
public sealed interface Block {

  /** A paragraph of text. */
  record Section(String text) implements Block {
    public Section {
      requireText(text, "section");
    }
  }

  /** A line of small print under the message (who decided, when it expires). */
  record Context(String text) implements Block {
    public Context {
      requireText(text, "context");
    }
  }

  /** A row of buttons. */
  record Actions(List<Button> buttons) implements Block {
    public Actions {
      if (buttons == null || buttons.isEmpty()) {
        throw new IllegalArgumentException("an actions block needs at least one button");
      }
      buttons = List.copyOf(buttons);
    }
  }

  /**
   * A button. A click comes back with its {@code actionId} and {@code value} and the clicking user;
   * the value must carry only an identifier, never anything the handler trusts without checking.
   *
   * @param actionId what the click means ({@code approve}, {@code deny})
   * @param label the text on the button
   * @param value what the click carries back (an approval request id)
   * @param style how it looks
   */
  record Button(String actionId, String label, String value, Style style) {
    public Button {
      requireText(actionId, "button action id");
      requireText(label, "button label");
      value = value == null ? "" : value;
      style = style == null ? Style.DEFAULT : style;
    }
  }

  /** A button's look. */
  enum Style {
    DEFAULT,
    PRIMARY,
    DANGER
  }

  private static void requireText(String text, String what) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a " + what + " needs a text, not " + text);
    }
  }
}
