package dev.tau.channels;

/**
 * Makes text that strangers control (display names, message text, payload details) safe to print on
 * an operator's terminal: control characters (C0, DEL, C1: escape sequences, carriage returns, new
 * lines), format characters (bidi overrides and isolates, zero-width characters) and line or
 * paragraph separators each become {@code ?}, so a name cannot move the cursor, recolour the
 * terminal, fake a second line or reorder what follows it.
 */
public final class TerminalText {
  private TerminalText() {}

  /** {@code text} with every control, format and separator character replaced by {@code ?}. */
  public static String safe(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (unsafe(cp)) {
        if (out == null) {
          out = new StringBuilder(text.length()).append(text, 0, i);
        }
        out.append('?');
      } else if (out != null) {
        out.appendCodePoint(cp);
      }
      i = next;
    }
    return out == null ? text : out.toString();
  }

  private static boolean unsafe(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE ->
          true;
      default -> false;
    };
  }
}
