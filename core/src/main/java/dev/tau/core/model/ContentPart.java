package dev.tau.core.model;

import java.util.Objects;

/** One block of message content. */
public sealed interface ContentPart {

  /** Plain text. */
  record Text(String text) implements ContentPart {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /** An image given by URL or inline bytes. */
  record Image(MediaSource source) implements ContentPart {
    public Image {
      Objects.requireNonNull(source, "source");
    }
  }

  /** An audio clip given by URL or inline bytes. */
  record Audio(MediaSource source) implements ContentPart {
    public Audio {
      Objects.requireNonNull(source, "source");
    }
  }

  /** A document (for example a PDF) with an optional file name. */
  record File(MediaSource source, String name) implements ContentPart {
    public File {
      Objects.requireNonNull(source, "source");
      name = name == null ? "" : name;
    }
  }

  static Text text(String text) {
    return new Text(text);
  }
}
