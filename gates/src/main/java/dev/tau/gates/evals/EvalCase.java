package dev.tau.gates.evals;

import dev.tau.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One evaluation case: a prompt run through the real agent with the coding tools in a fresh
 * workspace, the model played by the offline provider from {@code script}, and what must be true
 * afterwards. The case file is a JSON array of objects:
 *
 * <pre>{@code
 * {"id": "write-notes",
 *  "prompt": "write hello to notes.txt",
 *  "files": {"README.md": "# demo\n"},                 // the workspace before the run
 *  "script": {"replies": [ ... ]},                      // the offline provider's script
 *  "deny": ["bash"],                                    // tool policy deny patterns
 *  "max_tool_calls": 4,                                 // the agent's limit (default 64)
 *  "expect": {
 *    "outcome": "completed",                            // completed (default), limit_reached, …
 *    "tool_calls": ["write"],                           // the tools called, in order
 *    "tool_errors": 0,                                  // how many tool results are errors
 *    "tool_results_contain": ["wrote"],                 // text in the tool results
 *    "answer_contains": ["notes.txt"],                  // text in the final answer
 *    "files": {"notes.txt": "hello"},                   // exact workspace files afterwards
 *    "absent_files": ["secret.txt"]}}                   // files that must not exist
 * }</pre>
 *
 * @param id a unique name
 * @param prompt the user message
 * @param files workspace files (relative path to UTF-8 text) created before the run
 * @param script the offline script, as JSON text
 * @param deny tool patterns the policy denies
 * @param maxToolCalls the agent's tool-call limit, or empty for the default
 * @param expect what must hold after the run
 */
public record EvalCase(
    String id,
    String prompt,
    Map<String, String> files,
    String script,
    List<String> deny,
    Optional<Integer> maxToolCalls,
    Expect expect) {

  private static final Set<String> CASE_FIELDS =
      Set.of("id", "prompt", "files", "script", "deny", "max_tool_calls", "expect");
  private static final Set<String> EXPECT_FIELDS =
      Set.of(
          "outcome",
          "tool_calls",
          "tool_errors",
          "tool_results_contain",
          "answer_contains",
          "files",
          "absent_files");
  private static final Set<String> OUTCOMES =
      Set.of("completed", "limit_reached", "cancelled", "failed");

  public EvalCase {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(prompt, "prompt");
    files = Map.copyOf(files);
    Objects.requireNonNull(script, "script");
    deny = List.copyOf(deny);
    Objects.requireNonNull(maxToolCalls, "maxToolCalls");
    Objects.requireNonNull(expect, "expect");
  }

  /**
   * What must hold after the run. Empty lists and maps check nothing.
   *
   * @param outcome the outcome kind ({@code completed}, {@code limit_reached}, …)
   * @param toolCalls the names of the tools called, in order, or empty to not check
   * @param toolErrors how many tool results are errors, or empty to not check
   * @param toolResultsContain texts each found in some tool result
   * @param answerContains texts each found in the final answer
   * @param files workspace files and their exact content after the run
   * @param absentFiles workspace files that must not exist after the run
   */
  public record Expect(
      String outcome,
      Optional<List<String>> toolCalls,
      Optional<Integer> toolErrors,
      List<String> toolResultsContain,
      List<String> answerContains,
      Map<String, String> files,
      List<String> absentFiles) {
    public Expect {
      Objects.requireNonNull(outcome, "outcome");
      toolCalls = toolCalls.map(List::copyOf);
      Objects.requireNonNull(toolErrors, "toolErrors");
      toolResultsContain = List.copyOf(toolResultsContain);
      answerContains = List.copyOf(answerContains);
      files = Map.copyOf(files);
      absentFiles = List.copyOf(absentFiles);
    }
  }

  /**
   * Parses a case file (a JSON array of cases).
   *
   * @param source the file name, for messages
   * @throws IllegalArgumentException naming the source, the case and the bad field
   */
  public static List<EvalCase> parseAll(String text, String source) {
    JsonNode root;
    try {
      root = Json.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isArray() || root.isEmpty()) {
      throw new IllegalArgumentException(source + " must be a non-empty JSON array of cases");
    }
    List<EvalCase> cases = new ArrayList<>();
    int number = 0;
    for (JsonNode node : root) {
      number++;
      EvalCase c = parse(node, source + " case " + number);
      if (cases.stream().anyMatch(other -> other.id().equals(c.id()))) {
        throw new IllegalArgumentException(source + ": case id '" + c.id() + "' is used twice");
      }
      cases.add(c);
    }
    return cases;
  }

  private static EvalCase parse(JsonNode node, String where) {
    requireObject(node, where, CASE_FIELDS);
    String id = requiredString(node, "id", where);
    where = where + " (" + id + ")";
    JsonNode script = node.get("script");
    if (script == null || !(script.isObject() || script.isArray())) {
      throw new IllegalArgumentException(where + " needs a 'script' (an offline script object)");
    }
    Optional<Integer> maxToolCalls = optionalInt(node, "max_tool_calls", where);
    JsonNode expect = node.get("expect");
    if (expect == null) {
      throw new IllegalArgumentException(where + " needs an 'expect' object");
    }
    requireObject(expect, where + " expect", EXPECT_FIELDS);
    String outcome =
        expect.has("outcome") ? requiredString(expect, "outcome", where + " expect") : "completed";
    if (!OUTCOMES.contains(outcome)) {
      throw new IllegalArgumentException(
          where + " expect: outcome '" + outcome + "' is not one of " + OUTCOMES);
    }
    Expect e =
        new Expect(
            outcome,
            expect.has("tool_calls")
                ? Optional.of(strings(expect, "tool_calls", where + " expect"))
                : Optional.empty(),
            optionalInt(expect, "tool_errors", where + " expect"),
            strings(expect, "tool_results_contain", where + " expect"),
            strings(expect, "answer_contains", where + " expect"),
            textMap(expect, "files", where + " expect"),
            strings(expect, "absent_files", where + " expect"));
    return new EvalCase(
        id,
        requiredString(node, "prompt", where),
        textMap(node, "files", where),
        Json.write(script),
        strings(node, "deny", where),
        maxToolCalls,
        e);
  }

  private static void requireObject(JsonNode node, String where, Set<String> allowed) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(where + " must be a JSON object");
    }
    for (String field : node.propertyNames()) {
      if (!allowed.contains(field)) {
        throw new IllegalArgumentException(
            where + " has unknown field '" + field + "' (allowed: " + sorted(allowed) + ")");
      }
    }
  }

  private static String sorted(Set<String> names) {
    return String.join(", ", names.stream().sorted().toList());
  }

  private static String requiredString(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || !value.isString() || value.asString().isBlank()) {
      throw new IllegalArgumentException(where + " needs a non-empty string '" + field + "'");
    }
    return value.asString();
  }

  private static Optional<Integer> optionalInt(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isInt() || value.asInt() < 0) {
      throw new IllegalArgumentException(
          where + ": '" + field + "' must be a non-negative integer");
    }
    return Optional.of(value.asInt());
  }

  private static List<String> strings(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new IllegalArgumentException(where + ": '" + field + "' must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isString()) {
        throw new IllegalArgumentException(where + ": '" + field + "' must be an array of strings");
      }
      out.add(item.asString());
    }
    return out;
  }

  private static Map<String, String> textMap(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw new IllegalArgumentException(
          where + ": '" + field + "' must be an object of path to text");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      if (!entry.getValue().isString()) {
        throw new IllegalArgumentException(
            where + ": '" + field + "." + entry.getKey() + "' must be a string");
      }
      if (entry.getKey().startsWith("/") || entry.getKey().contains("..")) {
        throw new IllegalArgumentException(
            where + ": '" + field + "' paths must be relative and stay in the workspace");
      }
      out.put(entry.getKey(), entry.getValue().asString());
    }
    return out;
  }
}
