package dev.tau.channels.access;

import dev.tau.channels.PolicyJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A trust-roots file: a list of {@code {id, public_key (base64 Ed25519), revoked, expires_unix,
 * rotated_from}}, written bare or as {@code {"roots":[…]}} or {@code {"keys":[…]}}. Missing → none.
 */
public record TrustRoots(List<Root> roots) {

  public record Root(String id, String publicKey, boolean revoked, long expiresUnix) {
    /** True when revoked or expired at {@code nowMs} ({@code expires_unix} 0 = never). */
    public boolean usableAt(long nowMs) {
      return !revoked && (expiresUnix == 0 || expiresUnix > nowMs / 1000);
    }
  }

  public TrustRoots {
    roots = List.copyOf(roots);
  }

  public Optional<Root> find(String id) {
    String wanted = id.strip();
    return roots.stream().filter(r -> r.id().strip().equalsIgnoreCase(wanted)).findFirst();
  }

  private static final Set<String> ROOT_FIELDS =
      Set.of("id", "public_key", "revoked", "expires_unix", "rotated_from");

  /**
   * @throws dev.tau.channels.PolicyFileException when the file is invalid
   */
  public static TrustRoots load(Path file) {
    Optional<JsonNode> doc = PolicyJson.readIfExists(file);
    if (doc.isEmpty()) {
      return new TrustRoots(List.of());
    }
    PolicyJson json = PolicyJson.of(file);
    JsonNode root = doc.get();
    JsonNode list = root;
    String field = "";
    if (root.isObject()) {
      field = root.has("roots") ? "roots" : "keys";
      list = root.get(field);
    }
    if (list == null || !list.isArray()) {
      throw json.error(field.isEmpty() ? "roots" : field, "must be an array of trust roots");
    }
    List<Root> roots = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String where = (field.isEmpty() ? "" : field) + "[" + i + "]";
      JsonNode r = json.object(list.get(i), where, ROOT_FIELDS);
      roots.add(
          new Root(
              json.string(r, "id", where, null),
              json.string(r, "public_key", where, null),
              json.bool(r, "revoked", where, false),
              json.integer(r, "expires_unix", where, 0)));
    }
    return new TrustRoots(roots);
  }
}
