package org.openkps.server.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The preamble of a {@link KpsServerTest} class that calls the server over HTTP: each test gets an
 * {@link #api} of its own, and what it created through a {@link KpsApi.NewKeypair} is deleted after it.
 */
public abstract class KpsApiTest {

    @LocalServerPort
    private int port;

    /** The API of the server under test; fresh for each test. */
    protected KpsApi api;

    @BeforeEach
    protected final void connectToTheServerUnderTest() {
        api = new KpsApi(port);
    }

    @AfterEach
    protected final void deleteTheKeypairsTheTestCreated() {
        api.deleteCreated();
    }
}
