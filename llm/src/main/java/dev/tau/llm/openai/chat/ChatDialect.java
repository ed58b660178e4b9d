package dev.tau.llm.openai.chat;

/**
 * Where OpenAI-compatible servers differ from OpenAI's own Chat Completions.
 *
 * @param maxTokensField {@code max_completion_tokens} for OpenAI, {@code max_tokens} elsewhere
 * @param streamUsageOption whether to send {@code stream_options.include_usage}
 * @param requiredToolChoice the {@code tool_choice} value that forces a tool call
 */
record ChatDialect(String maxTokensField, boolean streamUsageOption, String requiredToolChoice) {

  static ChatDialect forProvider(String provider) {
    return switch (provider) {
      case "openai" -> new ChatDialect("max_completion_tokens", true, "required");
      // Mistral rejects unknown fields, reports usage in the last chunk unasked, and says "any"
      case "mistral" -> new ChatDialect("max_tokens", false, "any");
      default -> new ChatDialect("max_tokens", true, "required");
    };
  }
}
