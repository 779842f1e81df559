package org.openkps.server.keypair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openkps.server.keypair.NewKeypair.KeyProtectionRequest;
import org.openkps.server.support.KeyTools;
import org.openkps.server.support.KeyTools.SshKey;

/**
 * The key-pair rules, on the service and a real embedded store, without HTTP: what is stored, who
 * sees it, how listing pages, what hosting a private key takes, and that a failure stores nothing.
 * The wire (status codes, bodies, the contract's own rules) is covered by the HTTP tests.
 */
class KeypairServiceTest {

    private static final String PROJECT = "0b7a2f3c9d4e45f6a1b2c3d4e5f60718";
    private static final Caller ALICE = new Caller(PROJECT, "a11ce000000000000000000000000001", "domain", false);
    private static final Caller BOB = new Caller(PROJECT, "b0b00000000000000000000000000002", "domain", false);
    private static final Caller ADMIN = new Caller(PROJECT, "ad000000000000000000000000000004", "domain", true);
    private static final Caller CAROL = new Caller("9f8e7d6c5b4a39281706f5e4d3c2b1a0", "ca401000000000000000000000000003", "other", false);
    private static final Protection DEFAULT = new Protection(ProtectionType.DEFAULT, null, null);

    @TempDir
    Path dataDir;

    private KeypairCore core;
    private KeypairService service;

    @BeforeEach
    void start() {
        core = KeypairCore.embedded(dataDir);
        service = core.service;
    }

    // ---- create and import --------------------------------------------------------------------

    @Test
    void createGeneratesAnRsaKeyPairAndReturnsItsPrivateKeyOnce() {
        CreatedKeypair created = service.create(ALICE, keypair("made").build());

        assertThat(created.privateKey()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        Keypair k = created.keypair();
        assertThat(k.publicKey()).startsWith("ssh-rsa ");
        assertThat(k.algorithm()).isEqualTo("RSA2048");
        assertThat(k.userId()).isEqualTo(ALICE.userId());
        assertThat(k.isKeyProtected()).isFalse();
        assertThat(service.show(ALICE, "made")).isEqualTo(k);
    }

    @Test
    void createOfAnX509KeyPairMakesACertificate() {
        Keypair k = service.create(ALICE, keypair("cert").type(KeypairType.X509).build()).keypair();

        assertThat(k.publicKey()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(k.fingerprint()).matches("([0-9a-f]{2}:){19}[0-9a-f]{2}");
    }

    @Test
    void importKeepsTheCommentAndTakesTheFingerprintOfTheKey() {
        SshKey key = KeyTools.ed25519();

        CreatedKeypair imported = service.create(ALICE, keypair("laptop").publicKey(KeyTools.typeAndBase64(key.publicLine()) + " me@laptop").build());

        assertThat(imported.privateKey()).isNull();
        assertThat(imported.keypair().publicKey()).isEqualTo(KeyTools.typeAndBase64(key.publicLine()) + " me@laptop");
        assertThat(imported.keypair().fingerprint()).isEqualTo(key.md5Fingerprint());
        assertThat(imported.keypair().algorithm()).isEqualTo("ED25519");
    }

    @Test
    void unusableKeyMaterialIsInvalidAndStoresNothing() {
        assertKpsError(() -> service.create(ALICE, keypair("bad").publicKey("ssh-rsa AAAA").build()),
                KpsError.INVALID_PARAMETER, "keypair.public_key: ");
        assertKpsError(() -> service.show(ALICE, "bad"), KpsError.KEYPAIR_NOT_FOUND, "key pair 'bad' does not exist");
    }

    @Test
    void aNameIsTakenOncePerProject() {
        service.create(ALICE, imported("taken"));

        assertKpsError(() -> service.create(BOB, imported("taken")), KpsError.INVALID_PARAMETER,
                "keypair.name 'taken' is already used by another key pair of the project");
        assertThat(service.create(CAROL, imported("taken")).keypair().projectId()).isEqualTo(CAROL.projectId());
    }

    // ---- who sees what ------------------------------------------------------------------------

    @Test
    void aUserKeypairIsItsUsersAndADomainKeypairTheProjects() {
        service.create(ALICE, imported("alices"));
        service.create(ALICE, keypair("shared").publicKey(KeyTools.ed25519().publicLine()).scope(KeypairScope.DOMAIN).build());

        assertKpsError(() -> service.show(BOB, "alices"), KpsError.KEYPAIR_NOT_FOUND, "'alices'");
        assertKpsError(() -> service.delete(BOB, "alices"), KpsError.KEYPAIR_NOT_FOUND, "'alices'");
        assertThat(service.show(BOB, "shared").userId()).isEqualTo(ALICE.userId());
        assertThat(names(service.list(BOB, 10, null))).containsExactly("shared");
        assertThat(names(service.list(ALICE, 10, null))).containsExactly("alices", "shared");
    }

    @Test
    void anAdministratorCreatesForAnotherUserWhoThenOwnsTheKeypair() {
        service.create(ADMIN, keypair("for-bob").publicKey(KeyTools.ed25519().publicLine()).userId(BOB.userId()).build());

        assertThat(service.show(BOB, "for-bob").userId()).isEqualTo(BOB.userId());
        assertKpsError(() -> service.show(ADMIN, "for-bob"), KpsError.KEYPAIR_NOT_FOUND, "'for-bob'");
    }

    @Test
    void anyoneElseNamesOnlyThemselvesAndNothingIsStored() {
        assertKpsError(() -> service.create(ALICE, keypair("for-bob").userId(BOB.userId()).build()),
                KpsError.NO_PERMISSION, "only an administrator's credentials may create key pairs for other users");
        assertKpsError(() -> service.show(BOB, "for-bob"), KpsError.KEYPAIR_NOT_FOUND, "'for-bob'");

        assertThat(service.create(ALICE, keypair("mine").publicKey(KeyTools.ed25519().publicLine())
                .userId(ALICE.userId()).build()).keypair().userId()).isEqualTo(ALICE.userId());
    }

    // ---- listing ------------------------------------------------------------------------------

    @Test
    void pagesListEveryKeypairOnceWhateverChangesBetweenThem() {
        for (String name : List.of("a", "b", "c", "d", "e")) {
            service.create(ALICE, imported(name));
        }
        List<String> seen = new ArrayList<>();
        KeypairPage page = service.list(ALICE, 2, null);
        seen.addAll(names(page));
        service.delete(ALICE, "b");          // the marker itself goes
        service.create(ALICE, imported("aa")); // before the marker: not on a later page
        service.create(ALICE, imported("f"));  // after it: listed
        while (page.nextMarker() != null) {
            page = service.list(ALICE, 2, page.nextMarker());
            seen.addAll(names(page));
        }

        assertThat(seen).containsExactly("a", "b", "c", "d", "e", "f");
    }

    @Test
    void theLastPageHasNoMarker() {
        service.create(ALICE, imported("only"));

        assertThat(service.list(ALICE, 1, null).nextMarker()).isNull();
        assertThat(service.list(ALICE, 1, "only").keypairs()).isEmpty();
    }

    @Test
    void aMarkerTheCallerCannotHaveSeenIsInvalid() {
        service.create(ALICE, imported("private"));

        assertKpsError(() -> service.list(ALICE, 10, "never"), KpsError.INVALID_PARAMETER,
                "marker 'never' does not name a key pair of this listing");
        assertKpsError(() -> service.list(BOB, 10, "private"), KpsError.INVALID_PARAMETER, "marker 'private'");
    }

    @Test
    void theNameOfADeletedKeypairContinuesAListingForTheRetentionThenIsForgotten() {
        service.create(ALICE, imported("old"));
        service.create(ALICE, imported("young"));
        service.delete(ALICE, "old");
        core.clock.advance(KeypairCore.MARKER_RETENTION.toMillis());
        service.delete(ALICE, "young");

        assertThat(service.list(ALICE, 10, "old").keypairs()).isEmpty();
        core.clock.advance(1);
        service.create(ALICE, imported("other"));
        service.delete(ALICE, "other");

        assertKpsError(() -> service.list(ALICE, 10, "old"), KpsError.INVALID_PARAMETER, "marker 'old'");
        assertThat(service.list(ALICE, 10, "young").keypairs()).isEmpty();
    }

    // ---- update and delete --------------------------------------------------------------------

    @Test
    void updateChangesTheDescriptionAndTheUpdateTimeOnly() {
        Keypair before = service.create(ALICE, imported("described")).keypair();
        core.clock.advance(1000);

        service.updateDescription(ALICE, "described", "deploy key");

        Keypair after = service.show(ALICE, "described");
        assertThat(after.description()).isEqualTo("deploy key");
        assertThat(after.updateTime()).isEqualTo(before.updateTime() + 1000);
        assertThat(after.createTime()).isEqualTo(before.createTime());
        assertThat(after.publicKey()).isEqualTo(before.publicKey());
    }

    @Test
    void deleteRemovesTheKeypairAndItsHostedKey() {
        Keypair hosted = service.create(ALICE, keypair("gone").protection(null, DEFAULT).build()).keypair();

        service.delete(ALICE, "gone");

        assertKpsError(() -> service.show(ALICE, "gone"), KpsError.KEYPAIR_NOT_FOUND, "'gone'");
        assertThat(core.jdbc.sql("SELECT COUNT(*) FROM hosted_private_key WHERE keypair_id = :id")
                .param("id", hosted.id()).query(Long.class).single()).isZero();
        assertThat(service.create(ALICE, imported("gone")).keypair().id()).isNotEqualTo(hosted.id());
    }

    // ---- private keys -------------------------------------------------------------------------

    @Test
    void aHostedGeneratedKeyExportsAsItWasReturned() {
        CreatedKeypair created = service.create(ALICE, keypair("hosted").protection(null, DEFAULT).build());

        assertThat(created.keypair().hostedKey()).isEqualTo(new HostedKey(ProtectionType.DEFAULT, null, null));
        assertThat(service.exportPrivateKey(ALICE, "hosted").privateKey()).isEqualTo(created.privateKey());
    }

    @Test
    void anImportedKeypairHostsItsOwnMatchingPrivateKey() {
        SshKey key = KeyTools.ed25519();
        Protection kms = new Protection(ProtectionType.KMS, null, KeypairCore.KMS_KEY_NAME);

        Keypair k = service.create(ALICE, keypair("own").publicKey(key.publicLine()).protection(key.privateKey(), kms)
                .build()).keypair();

        assertThat(k.hostedKey()).isEqualTo(new HostedKey(ProtectionType.KMS, KeypairCore.KMS_KEY_ID, KeypairCore.KMS_KEY_NAME));
        assertThat(service.exportPrivateKey(ALICE, "own").privateKey()).isEqualTo(key.privateKey());
    }

    @Test
    void hostingNeedsTheRightPrivateKeyAndAKnownKmsKeyElseNothingIsStored() {
        SshKey key = KeyTools.ed25519();
        SshKey other = KeyTools.ecdsa384();

        assertKpsError(() -> service.create(ALICE, keypair("x").publicKey(key.publicLine()).protection(other.privateKey(), DEFAULT).build()),
                KpsError.PRIVATE_KEY_MISMATCH, "does not match the public key of key pair 'x'");
        assertKpsError(() -> service.create(ALICE, keypair("x").publicKey(key.publicLine()).protection(null, DEFAULT).build()),
                KpsError.INVALID_PARAMETER, "keypair.key_protection.private_key is required");
        assertKpsError(() -> service.create(ALICE, keypair("x").protection(key.privateKey(), DEFAULT).build()),
                KpsError.INVALID_PARAMETER, "keypair.key_protection.private_key is only for an imported key pair");
        assertKpsError(() -> service.create(ALICE, keypair("x").protection(null, new Protection(ProtectionType.KMS, "nope", null)).build()),
                KpsError.INVALID_PARAMETER, "keypair.key_protection.encryption: kms_key_id 'nope' does not name a key");
        assertKpsError(() -> service.create(ALICE, keypair("x").publicKey(key.publicLine()).protection("not a key", DEFAULT).build()),
                KpsError.INVALID_PARAMETER, "keypair.key_protection.private_key: ");
        assertThat(service.list(ALICE, 10, null).keypairs()).isEmpty();
    }

    @Test
    void importPrivateKeyRehostsAndTouchesTheKeypair() {
        SshKey key = KeyTools.ed25519();
        Keypair before = service.create(ALICE, keypair("later").publicKey(key.publicLine()).build()).keypair();
        core.clock.advance(5);

        Keypair after = service.importPrivateKey(ALICE, "later", null, key.privateKey(), DEFAULT);

        assertThat(after.hostedKey()).isEqualTo(new HostedKey(ProtectionType.DEFAULT, null, null));
        assertThat(after.updateTime()).isEqualTo(before.updateTime() + 5);
        assertThat(service.show(ALICE, "later")).isEqualTo(after);
        assertThat(service.exportPrivateKey(ALICE, "later").privateKey()).isEqualTo(key.privateKey());
        assertKpsError(() -> service.importPrivateKey(ALICE, "later", BOB.userId(), key.privateKey(), DEFAULT),
                KpsError.KEYPAIR_NOT_FOUND, "'later'");
        assertKpsError(() -> service.importPrivateKey(ALICE, "later", null, KeyTools.ecdsa384().privateKey(), DEFAULT),
                KpsError.PRIVATE_KEY_MISMATCH, "'later'");
    }

    @Test
    void exportNeedsAHostedKey() {
        service.create(ALICE, imported("plain"));

        assertKpsError(() -> service.exportPrivateKey(ALICE, "plain"), KpsError.NO_PRIVATE_KEY_HOSTED,
                "key pair 'plain' has no hosted private key");
    }

    @Test
    void batchExportIsAllOrNothingInTheOrderAsked() {
        String b = service.create(ALICE, keypair("b").protection(null, DEFAULT).build()).privateKey();
        String a = service.create(ALICE, keypair("a").protection(null, DEFAULT).build()).privateKey();
        service.create(ALICE, imported("plain"));

        assertThat(service.batchExportPrivateKeys(ALICE, List.of("b", "a")))
                .containsExactly(new ExportedPrivateKey("b", b), new ExportedPrivateKey("a", a));
        assertKpsError(() -> service.batchExportPrivateKeys(ALICE, List.of("a", "a")), KpsError.INVALID_PARAMETER,
                "each key pair may be named once in a batch export");
        assertKpsError(() -> service.batchExportPrivateKeys(ALICE, List.of("a", "missing")), KpsError.KEYPAIR_NOT_FOUND,
                "'missing'");
        assertKpsError(() -> service.batchExportPrivateKeys(ALICE, List.of("a", "plain")), KpsError.NO_PRIVATE_KEY_HOSTED,
                "'plain'");
    }

    @Test
    void clearIsHarmlessWhenNothingIsHostedAndTouchesOnlyWhenSomethingWas() {
        Keypair plain = service.create(ALICE, imported("plain")).keypair();
        Keypair hosted = service.create(ALICE, keypair("hosted").protection(null, DEFAULT).build()).keypair();
        core.clock.advance(7);

        service.clearPrivateKey(ALICE, "plain");
        service.clearPrivateKey(ALICE, "hosted");

        assertThat(service.show(ALICE, "plain").updateTime()).isEqualTo(plain.updateTime());
        assertThat(service.show(ALICE, "hosted").updateTime()).isEqualTo(hosted.updateTime() + 7);
        assertThat(service.show(ALICE, "hosted").isKeyProtected()).isFalse();
        assertKpsError(() -> service.exportPrivateKey(ALICE, "hosted"), KpsError.NO_PRIVATE_KEY_HOSTED, "'hosted'");
    }

    // ---- batches ------------------------------------------------------------------------------

    @Test
    void eachEntryOfABatchImportSucceedsOrFailsOnItsOwn() {
        service.create(ALICE, imported("taken"));

        BatchImportResult result = service.batchImport(ALICE, List.of(imported("new"), imported("taken"),
                keypair("made").build()));

        assertThat(result.succeeded()).extracting(c -> c.keypair().name()).containsExactly("new", "made");
        assertThat(result.succeeded().get(1).privateKey()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("taken");
            assertThat(f.reason()).startsWith("KPS.0002: keypair.name 'taken' is already used");
        });
        assertThat(names(service.list(ALICE, 10, null))).containsExactly("made", "new", "taken");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static NewKeypair imported(String name) {
        return keypair(name).publicKey(KeyTools.ed25519().publicLine()).build();
    }

    private static List<String> names(KeypairPage page) {
        return page.keypairs().stream().map(Keypair::name).toList();
    }

    /** The one way these tests expect a KPS failure: its error and a part of its message. */
    private static void assertKpsError(Runnable call, KpsError error, String messagePart) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(KpsException.class, e -> assertThat(e.error()).isEqualTo(error))
                .hasMessageContaining(messagePart);
    }

    private static Builder keypair(String name) {
        return new Builder(name);
    }

    /** A {@link NewKeypair} with the contract's defaults, changed where a test says so. */
    private static final class Builder {
        private final String name;
        private KeypairType type = KeypairType.SSH;
        private String publicKey;
        private KeypairScope scope = KeypairScope.USER;
        private String userId;
        private KeyProtectionRequest protection;

        private Builder(String name) {
            this.name = name;
        }

        Builder type(KeypairType value) {
            type = value;
            return this;
        }

        Builder publicKey(String value) {
            publicKey = value;
            return this;
        }

        Builder scope(KeypairScope value) {
            scope = value;
            return this;
        }

        Builder userId(String value) {
            userId = value;
            return this;
        }

        Builder protection(String privateKey, Protection value) {
            protection = new KeyProtectionRequest(privateKey, value);
            return this;
        }

        NewKeypair build() {
            return new NewKeypair(name, type, publicKey, scope, userId, protection);
        }
    }
}
