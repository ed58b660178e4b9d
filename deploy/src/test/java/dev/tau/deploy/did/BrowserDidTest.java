package dev.tau.deploy.did;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BrowserDidTest {
  private static BrowserDid.Identity key(String entropy) {
    return BrowserDid.derive("key", "tau-devnet", "browser-agent", entropy);
  }

  @Test
  void identicalInputsGiveTheIdenticalIdentity() {
    assertThat(key("local-dev-seed")).isEqualTo(key("local-dev-seed"));
    assertThat(BrowserDid.derive(" KEY ", " Tau-Devnet ", "Browser-Agent", " local-dev-seed "))
        .isEqualTo(key("local-dev-seed"));
  }

  @Test
  void anyDifferentInputGivesADifferentKey() {
    BrowserDid.Identity base = key("local-dev-seed");
    assertThat(key("other-seed").did()).isNotEqualTo(base.did());
    assertThat(BrowserDid.derive("key", "tau-mainnet", "browser-agent", "local-dev-seed").did())
        .isNotEqualTo(base.did());
    assertThat(
            BrowserDid.derive("web", "tau-devnet", "browser-agent", "local-dev-seed")
                .publicKeyMultibase())
        .isNotEqualTo(base.publicKeyMultibase());
  }

  @Test
  void didKeyIsMultibaseBase58btcOfTheEd25519MulticodecKey() {
    BrowserDid.Identity id = key("local-dev-seed");
    assertThat(id.did()).startsWith("did:key:z6Mk");
    String multibase = id.did().substring("did:key:".length());
    assertThat(multibase).isEqualTo(id.publicKeyMultibase());
    assertThat(id.keyId()).isEqualTo(id.did() + "#" + multibase);

    byte[] decoded = Base58.decode(multibase.substring(1));
    assertThat(decoded).hasSize(34);
    assertThat(Arrays.copyOf(decoded, 2)).containsExactly((byte) 0xed, (byte) 0x01);

    // the key in the DID verifies the proof, a signature over the DID string
    PublicKey key = Ed25519Keys.publicKey(Arrays.copyOfRange(decoded, 2, 34));
    byte[] proof = Base64.getUrlDecoder().decode(id.proofMaterial());
    assertThat(id.proofMaterial()).doesNotContain("=");
    assertThat(Ed25519Keys.verify(key, id.did().getBytes(StandardCharsets.UTF_8), proof)).isTrue();
    assertThat(Ed25519Keys.verify(key, "did:key:zOther".getBytes(StandardCharsets.UTF_8), proof))
        .isFalse();
  }

  @Test
  void fingerprintIsTheSha256OfTheCanonicalInputs() throws Exception {
    byte[] digest =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest("key:tau-devnet:browser-agent:local-dev-seed".getBytes(StandardCharsets.UTF_8));
    assertThat(key("local-dev-seed").fingerprint()).isEqualTo(HexFormat.of().formatHex(digest));
  }

  @Test
  void didWebKeepsTheHostAndAddsTheSubjectAsAPathSegment() {
    BrowserDid.Identity id = BrowserDid.derive("web", "agents.example.com", "browser-agent", "s");
    assertThat(id.did()).isEqualTo("did:web:agents.example.com:browser-agent");
    assertThat(id.keyId()).isEqualTo("did:web:agents.example.com:browser-agent#primary");
    var doc = id.didDocument();
    assertThat(doc.get("id").asString()).isEqualTo(id.did());
    var vm = doc.get("verificationMethod").get(0);
    assertThat(vm.get("type").asString()).isEqualTo("Multikey");
    assertThat(vm.get("publicKeyMultibase").asString()).startsWith("z6Mk");
    assertThat(doc.get("authentication").get(0).asString()).isEqualTo(id.keyId());
  }

  @Test
  void inputValidationFollowsTheSpecMessages() {
    assertThatThrownBy(() -> BrowserDid.derive("key", " ", "a", "e"))
        .isInstanceOf(BrowserDidException.class)
        .hasMessage(
            "failed to build browser DID identity (method=key, network=, subject=a): network cannot be empty");
    assertThatThrownBy(() -> BrowserDid.derive("key", "a..b", "a", "e"))
        .hasMessageEndingWith("network contains empty label segments");
    assertThatThrownBy(() -> BrowserDid.derive("key", ".ab", "a", "e"))
        .hasMessageEndingWith("network contains empty label segments");
    assertThatThrownBy(() -> BrowserDid.derive("key", "net", "a/b", "e"))
        .hasMessageEndingWith("subject contains unsupported characters");
    assertThatThrownBy(() -> BrowserDid.derive("key", "net", "a.-b", "e"))
        .hasMessageEndingWith(
            "subject label segments must start and end with alphanumeric characters");
    assertThatThrownBy(() -> BrowserDid.derive("key", "net", "sub", "  "))
        .hasMessageEndingWith("entropy cannot be empty");
    assertThatThrownBy(() -> BrowserDid.derive("peer", "net", "sub", "e"))
        .hasMessageEndingWith("unsupported DID method 'peer' (expected key or web)");
  }

  @Test
  void rfc8032TestVectorOneGivesItsPublicKey() {
    HexFormat hex = HexFormat.of();
    KeyPair pair =
        Ed25519Keys.fromSeed(
            hex.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    assertThat(hex.formatHex(Ed25519Keys.rawPublicKey(pair.getPublic())))
        .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    // RFC 8032 §7.1 test 1: the signature of the empty message
    assertThat(hex.formatHex(Ed25519Keys.sign(pair, new byte[0])))
        .isEqualTo(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  }

  @Test
  void keyDerivationIsDeterministicAcrossGenerators() {
    byte[] seed = BrowserDid.seed("key:a:b:c".getBytes(StandardCharsets.UTF_8));
    assertThat(seed).hasSize(32);
    byte[] first = Ed25519Keys.rawPublicKey(Ed25519Keys.fromSeed(seed).getPublic());
    byte[] second = Ed25519Keys.rawPublicKey(Ed25519Keys.fromSeed(seed.clone()).getPublic());
    assertThat(second).isEqualTo(first);
    assertThat(BrowserDid.seed("key:a:b:d".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(seed);
  }

  @Test
  void base58KnownAnswers() {
    assertThat(Base58.encode("Hello World!".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("2NEpo7TZRRrLZSi2U");
    assertThat(Base58.encode(HexFormat.of().parseHex("0000287fb4cd"))).isEqualTo("11233QC4");
    assertThat(Base58.decode("11233QC4")).isEqualTo(HexFormat.of().parseHex("0000287fb4cd"));
    assertThat(Base58.decode("2NEpo7TZRRrLZSi2U"))
        .isEqualTo("Hello World!".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> Base58.decode("0OIl")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void payloadHasTheSpecShape() {
    var payload = key("local-dev-seed").toPayload();
    assertThat(payload.get("runtime").asString()).isEqualTo("native-host");
    assertThat(payload.get("interoperability_profile").asString()).isEqualTo("kamn_browser_v1");
    assertThat(payload.get("identity").get("method").asString()).isEqualTo("key");
    assertThat(payload.get("identity").get("fingerprint").asString()).hasSize(64);
    assertThat(payload.get("did_document").get("id").asString())
        .isEqualTo(payload.get("identity").get("did").asString());
  }
}
