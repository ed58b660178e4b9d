package dev.tau.channels.media;

import dev.tau.channels.Attachment;
import java.util.Optional;

/** Turns one attachment of a supported kind into text: a description, transcript or summary. */
public interface MediaReader {

  /**
   * Why this reader cannot handle {@code kind} (the attachment is then skipped with {@code
   * media_unsupported_attachment_type} and this detail), or empty when it can.
   */
  Optional<String> unsupported(MediaKind kind);

  /**
   * The text for {@code attachment}, of a kind this reader supports.
   *
   * @throws MediaException when the download or the model call fails
   */
  String read(MediaKind kind, Attachment attachment);
}
