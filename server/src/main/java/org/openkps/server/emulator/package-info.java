/**
 * What the emulator offers the test suites that run against it, beyond KPS: a reset of the stored
 * state, the store's health, and fault rules that delay or fail KPS operations. It knows the key-pair
 * core's store port (to reset and probe it), and nothing of HTTP nor of the adapters.
 */
package org.openkps.server.emulator;
