package org.supplysync.web.security;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HstsPolicyTest {

    private static final HstsPolicy BEHIND_A_PROXY = HstsPolicy.of(true, 31_536_000, " 10.0.0.5 , 127.0.0.1,");

    @Test
    void anAnswerOverHttpsCarriesTheHeader() {
        assertEquals(Optional.of("max-age=31536000"), BEHIND_A_PROXY.header(true, "203.0.113.7", null));
    }

    @Test
    void anAnswerOverPlainHttpDoesNot() {
        assertEquals(Optional.empty(), BEHIND_A_PROXY.header(false, "203.0.113.7", null));
        assertEquals(Optional.empty(), BEHIND_A_PROXY.header(false, "127.0.0.1", "http"));
    }

    @Test
    void aTrustedProxyThatSaysTheClientCameOverHttpsIsBelieved() {
        assertEquals(Optional.of("max-age=31536000"), BEHIND_A_PROXY.header(false, "10.0.0.5", "https"));
        assertEquals(Optional.of("max-age=31536000"), BEHIND_A_PROXY.header(false, "127.0.0.1", "HTTPS"));
    }

    @Test
    void aChainOfProxiesCountsWhatTheClientUsedFirst() {
        assertEquals(Optional.of("max-age=31536000"), BEHIND_A_PROXY.header(false, "10.0.0.5", "https, http"));
        assertEquals(Optional.empty(), BEHIND_A_PROXY.header(false, "10.0.0.5", "http, https"));
    }

    @Test
    void anyoneElseWhoSendsXForwardedProtoIsNot() {
        assertEquals(Optional.empty(), BEHIND_A_PROXY.header(false, "203.0.113.7", "https"));
        assertEquals(Optional.empty(), HstsPolicy.of(true, 60, "").header(false, "127.0.0.1", "https"));
    }

    @Test
    void turnedOffNoAnswerCarriesIt() {
        assertEquals(Optional.empty(), HstsPolicy.of(false, 60, "10.0.0.5").header(true, "10.0.0.5", "https"));
    }

    @Test
    void theMaxAgeIsTheSetting() {
        assertEquals(Optional.of("max-age=600"), HstsPolicy.of(true, 600, "").header(true, "203.0.113.7", null));
    }
}
