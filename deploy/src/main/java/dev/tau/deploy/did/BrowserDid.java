package dev.tau.deploy.did;

import dev.tau.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.KDF;
import javax.crypto.spec.HKDFParameterSpec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The browser/edge DID bootstrap (tau-spec §4.9), with a resolvable identity: the inputs (method,
 * network, subject, entropy) are validated and normalised as the spec says, then an Ed25519 key
 * pair is derived from them deterministically (HKDF-SHA256 of the canonical input string gives the
 * 32-byte RFC 8032 seed) and the DID is built from its public key:
 *
 * <ul>
 *   <li>{@code did:key:z6Mk…}: multibase base58btc ({@code z}) of the multicodec {@code
 *       ed25519-pub} prefix {@code 0xed 0x01} followed by the 32-byte public key, which every
 *       did:key resolver expands into a DID document;
 *   <li>{@code did:web:<network>:<subject>}: the network is the host (its dots kept, as did:web
 *       requires) and the subject a path segment; the DID document to serve at {@code
 *       https://<network>/<subject>/did.json} is part of the output.
 * </ul>
 *
 * Identical inputs give the identical DID, key and proof on every host. The entropy is the secret:
 * whoever knows the four inputs can derive the private key, so it is never written out.
 */
public final class BrowserDid {
  public static final String INTEROPERABILITY_PROFILE = "kamn_browser_v1";
  public static final String RUNTIME = "native-host";

  /** Multicodec {@code ed25519-pub} (0xed) as an unsigned varint. */
  private static final byte[] ED25519_PUB_MULTICODEC = {(byte) 0xed, 0x01};

  private static final byte[] HKDF_SALT = "tau-browser-did/v1".getBytes(StandardCharsets.UTF_8);
  private static final byte[] HKDF_INFO = "ed25519-seed".getBytes(StandardCharsets.UTF_8);

  private BrowserDid() {}

  /**
   * A derived identity.
   *
   * @param fingerprint lowercase hex SHA-256 of the canonical input string (as the spec defines)
   * @param publicKeyMultibase {@code z} + base58btc(0xed 0x01 ‖ public key)
   * @param proofMaterial base64url (no padding) of the Ed25519 signature over the DID string
   */
  public record Identity(
      DidMethod method,
      String network,
      String subject,
      String did,
      String keyId,
      String fingerprint,
      String publicKeyMultibase,
      String proofMaterial) {
    public Identity {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(did, "did");
    }

    public ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("schema_version", 1);
      o.put("method", method.wire());
      o.put("network", network);
      o.put("subject", subject);
      o.put("did", did);
      o.put("key_id", keyId);
      o.put("fingerprint", fingerprint);
      o.put("proof_material", proofMaterial);
      o.put("public_key_multibase", publicKeyMultibase);
      o.put("verification_method_type", "Multikey");
      return o;
    }

    /** The DID document a resolver produces (did:key) or the host serves (did:web). */
    public ObjectNode didDocument() {
      ObjectNode doc = Json.object();
      ArrayNode context = doc.putArray("@context");
      context.add("https://www.w3.org/ns/did/v1");
      context.add("https://w3id.org/security/multikey/v1");
      doc.put("id", did);
      ObjectNode vm = doc.putArray("verificationMethod").addObject();
      vm.put("id", keyId);
      vm.put("type", "Multikey");
      vm.put("controller", did);
      vm.put("publicKeyMultibase", publicKeyMultibase);
      for (String relation :
          new String[] {
            "authentication", "assertionMethod", "capabilityInvocation", "capabilityDelegation"
          }) {
        doc.putArray(relation).add(keyId);
      }
      return doc;
    }

    /** The persisted bootstrap payload (tau-spec §4.9 output file, plus the DID document). */
    public ObjectNode toPayload() {
      ObjectNode o = Json.object();
      o.put("schema_version", 1);
      o.put("runtime", RUNTIME);
      o.put("interoperability_profile", INTEROPERABILITY_PROFILE);
      o.set("identity", toJson());
      o.set("did_document", didDocument());
      return o;
    }
  }

  /**
   * Validates the inputs and derives the identity.
   *
   * @throws BrowserDidException naming the invalid input
   */
  public static Identity derive(String method, String network, String subject, String entropy) {
    String m = method.strip();
    String n = network.strip();
    String s = subject.strip();
    try {
      DidMethod didMethod =
          DidMethod.parse(m)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unsupported DID method '" + m + "' (expected key or web)"));
      String normalNetwork = normaliseLabel("network", n);
      String normalSubject = normaliseLabel("subject", s);
      String secret = entropy.strip();
      if (secret.isEmpty()) {
        throw new IllegalArgumentException("entropy cannot be empty");
      }
      return derive(didMethod, normalNetwork, normalSubject, secret);
    } catch (IllegalArgumentException e) {
      throw new BrowserDidException(
          "failed to build browser DID identity (method="
              + m
              + ", network="
              + n
              + ", subject="
              + s
              + "): "
              + e.getMessage());
    }
  }

  private static Identity derive(DidMethod method, String network, String subject, String entropy) {
    byte[] canonical =
        (method.wire() + ":" + network + ":" + subject + ":" + entropy)
            .getBytes(StandardCharsets.UTF_8);
    KeyPair pair = Ed25519Keys.fromSeed(seed(canonical));
    byte[] raw = Ed25519Keys.rawPublicKey(pair.getPublic());
    byte[] prefixed = new byte[ED25519_PUB_MULTICODEC.length + raw.length];
    System.arraycopy(ED25519_PUB_MULTICODEC, 0, prefixed, 0, ED25519_PUB_MULTICODEC.length);
    System.arraycopy(raw, 0, prefixed, ED25519_PUB_MULTICODEC.length, raw.length);
    String multibase = "z" + Base58.encode(prefixed);
    String did;
    String keyId;
    if (method == DidMethod.KEY) {
      did = "did:key:" + multibase;
      keyId = did + "#" + multibase; // the did:key method fixes the fragment to the key itself
    } else {
      did = "did:web:" + network + ":" + subject;
      keyId = did + "#primary";
    }
    byte[] proof = Ed25519Keys.sign(pair, did.getBytes(StandardCharsets.UTF_8));
    return new Identity(
        method,
        network,
        subject,
        did,
        keyId,
        HexFormat.of().formatHex(sha256(canonical)),
        multibase,
        Base64.getUrlEncoder().withoutPadding().encodeToString(proof));
  }

  /** The 32-byte Ed25519 seed: HKDF-SHA256 (RFC 5869) of the canonical input string. */
  static byte[] seed(byte[] canonical) {
    try {
      KDF hkdf = KDF.getInstance("HKDF-SHA256");
      return hkdf.deriveData(
          HKDFParameterSpec.ofExtract()
              .addIKM(canonical)
              .addSalt(HKDF_SALT)
              .thenExpand(HKDF_INFO, 32));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK always provides HKDF-SHA256", e);
    }
  }

  /** The network and subject rules of tau-spec §4.9; the result is lowercased. */
  static String normaliseLabel(String label, String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(label + " cannot be empty");
    }
    if (value.startsWith(".") || value.endsWith(".") || value.contains("..")) {
      throw new IllegalArgumentException(label + " contains empty label segments");
    }
    for (char c : value.toCharArray()) {
      if (!(isAlphanumeric(c) || c == '.' || c == '_' || c == '-')) {
        throw new IllegalArgumentException(label + " contains unsupported characters");
      }
    }
    for (String segment : value.split("\\.")) {
      if (!isAlphanumeric(segment.charAt(0))
          || !isAlphanumeric(segment.charAt(segment.length() - 1))) {
        throw new IllegalArgumentException(
            label + " label segments must start and end with alphanumeric characters");
      }
    }
    return value.toLowerCase(Locale.ROOT);
  }

  private static boolean isAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
  }
}
