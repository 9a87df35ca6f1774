package dev.warden.core.chat.command;

import dev.warden.core.chat.alerts.OpenAlertGroup;
import java.util.List;

/**
 * The alert groups that are open now (at least one alert still firing), each with the chat thread
 * Warden keeps for it: {@code AlertThreads::open}.
 */
public interface OpenAlertGroups {

  /** The open groups, the most recent first. */
  List<OpenAlertGroup> open();

  /** Knows no alert groups. */
  OpenAlertGroups NONE = List::of;
}
