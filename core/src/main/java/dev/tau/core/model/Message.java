package dev.tau.core.model;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** A conversation message. Vendor wire formats are mapped to and from this in each adapter. */
public sealed interface Message {

  Role role();

  List<ContentPart> content();

  /** The concatenated text parts, ignoring media. */
  default String text() {
    return content().stream()
        .filter(ContentPart.Text.class::isInstance)
        .map(p -> ((ContentPart.Text) p).text())
        .collect(Collectors.joining());
  }

  /** Instructions for the model. */
  record System(List<ContentPart> content) implements Message {
    public System {
      content = List.copyOf(content);
    }

    @Override
    public Role role() {
      return Role.SYSTEM;
    }
  }

  /** What the person (or calling program) said. */
  record User(List<ContentPart> content) implements Message {
    public User {
      content = List.copyOf(content);
      if (content.isEmpty()) {
        throw new IllegalArgumentException("a user message needs at least one content part");
      }
    }

    @Override
    public Role role() {
      return Role.USER;
    }
  }

  /** What the model answered: text and/or tool calls. */
  record Assistant(List<ContentPart> content, List<ToolCall> toolCalls) implements Message {
    public Assistant {
      content = List.copyOf(content);
      toolCalls = List.copyOf(toolCalls);
    }

    @Override
    public Role role() {
      return Role.ASSISTANT;
    }
  }

  /** The result of one tool call, fed back to the model. */
  record Tool(String toolCallId, String toolName, List<ContentPart> content, boolean isError)
      implements Message {
    public Tool {
      Objects.requireNonNull(toolCallId, "toolCallId");
      Objects.requireNonNull(toolName, "toolName");
      content = List.copyOf(content);
    }

    @Override
    public Role role() {
      return Role.TOOL;
    }
  }

  static System system(String text) {
    return new System(List.of(new ContentPart.Text(text)));
  }

  static User user(String text) {
    return new User(List.of(new ContentPart.Text(text)));
  }

  static Assistant assistant(String text) {
    return new Assistant(
        text.isEmpty() ? List.of() : List.of(new ContentPart.Text(text)), List.of());
  }

  static Tool toolResult(ToolCall call, String text, boolean isError) {
    return new Tool(call.id(), call.name(), List.of(new ContentPart.Text(text)), isError);
  }
}
