package org.supplysync.security.control;

import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordsTest {

    /** Stands in for PBKDF2: a "hash" is the secret with a salt, and every verification is counted. */
    static class CountingHash implements Pbkdf2PasswordHash {
        int verifications;
        int salt;

        @Override
        public void initialize(Map<String, String> parameters) {
        }

        @Override
        public String generate(char[] password) {
            return "salt" + (++salt) + ":" + new String(password);
        }

        @Override
        public boolean verify(char[] password, String hashedPassword) {
            verifications++;
            return hashedPassword.substring(hashedPassword.indexOf(':') + 1).equals(new String(password));
        }
    }

    private final CountingHash slowHash = new CountingHash();
    private final Passwords passwords = new Passwords();

    @BeforeEach
    void configure() {
        passwords.pbkdf2 = slowHash;
        passwords.iterations = 1;
        passwords.cacheSeconds = 60;
        passwords.cacheSize = 100;
        passwords.configure();
    }

    @Test
    void aSecretVerifiedMomentsAgoSkipsTheSlowHash() {
        String hash = passwords.hash("secret");

        assertThat(passwords.verify("site:north", "secret", hash)).isTrue();
        assertThat(passwords.verify("site:north", "secret", hash)).isTrue();
        assertThat(passwords.verify("site:north", "secret", hash)).isTrue();

        assertThat(slowHash.verifications).isEqualTo(1);
    }

    @Test
    void aWrongSecretAfterTheRightOneIsCheckedAndRefusedEveryTime() {
        String hash = passwords.hash("secret");
        passwords.verify("site:north", "secret", hash);

        assertThat(passwords.verify("site:north", "wrong", hash)).isFalse();
        assertThat(passwords.verify("site:north", "wrong", hash)).isFalse();

        assertThat(slowHash.verifications).isEqualTo(3);
    }

    @Test
    void aNewStoredHashIsCheckedAgainEvenForTheSameSecret() {
        String before = passwords.hash("secret");
        passwords.verify("site:north", "secret", before);
        String after = passwords.hash("changed");

        assertThat(passwords.verify("site:north", "secret", after)).isFalse();
        assertThat(passwords.verify("site:north", "changed", after)).isTrue();
    }

    @Test
    void aForgottenCallerPaysTheSlowHashAgain() {
        String hash = passwords.hash("secret");
        passwords.verify("site:north", "secret", hash);

        passwords.forget("site:north");
        passwords.verify("site:north", "secret", hash);

        assertThat(slowHash.verifications).isEqualTo(2);
    }

    @Test
    void theTwoArgumentCheckIsAlwaysTheSlowOne() {
        String hash = passwords.hash("secret");

        passwords.verify("secret", hash);
        passwords.verify("secret", hash);

        assertThat(slowHash.verifications).isEqualTo(2);
    }
}
