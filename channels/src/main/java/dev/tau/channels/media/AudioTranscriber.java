package dev.tau.channels.media;

/** Speech to text for one audio attachment. */
@FunctionalInterface
public interface AudioTranscriber {

  /**
   * The transcript of {@code audio}.
   *
   * @param fileName a name whose extension tells the format ({@code voice.ogg})
   * @throws MediaException when the call fails
   */
  String transcribe(byte[] audio, String fileName, String contentType);
}
