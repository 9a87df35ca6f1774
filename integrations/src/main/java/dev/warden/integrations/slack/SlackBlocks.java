package dev.warden.integrations.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.warden.core.chat.Block;
import dev.warden.core.chat.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/** The core's blocks as Block Kit blocks. */
final class SlackBlocks {
  private SlackBlocks() {}

  /** The message's blocks, or {@code null} for a text-only message (no {@code blocks} sent). */
  static List<LayoutBlock> of(ChatMessage message) {
    if (message.blocks().isEmpty()) {
      return null;
    }
    List<LayoutBlock> blocks = new ArrayList<>();
    for (Block block : message.blocks()) {
      blocks.add(of(block));
    }
    return blocks;
  }

  private static LayoutBlock of(Block block) {
    if (block instanceof Block.Section section) {
      return SectionBlock.builder().text(markdown(section.text())).build();
    }
    if (block instanceof Block.Context context) {
      return ContextBlock.builder().elements(List.of(markdown(context.text()))).build();
    }
    Block.Actions actions = (Block.Actions) block;
    List<BlockElement> buttons = new ArrayList<>();
    for (Block.Button button : actions.buttons()) {
      buttons.add(button(button));
    }
    return ActionsBlock.builder().elements(buttons).build();
  }

  private static ButtonElement button(Block.Button button) {
    ButtonElement.ButtonElementBuilder built =
        ButtonElement.builder()
            .actionId(button.actionId())
            .text(PlainTextObject.builder().text(button.label()).build())
            .value(button.value());
    if (button.style() == Block.Style.PRIMARY) {
      built.style("primary");
    } else if (button.style() == Block.Style.DANGER) {
      built.style("danger");
    }
    return built.build();
  }

  private static MarkdownTextObject markdown(String text) {
    return MarkdownTextObject.builder().text(text).build();
  }
}
