/**
 * SDK-HMAC-SHA256, Huawei Cloud's AK/SK request signature, with no dependencies beyond the JDK.
 *
 * <p>Server: build a {@link org.openkps.signing.SignableRequest} from the request as received (raw path and
 * query, headers, body bytes), then
 * <pre>{@code
 * Authorization auth = Authorization.parse(authorizationHeader);     // SignatureException -> 401
 * Instant date = SdkHmacSha256.parseSdkDate(req.header("X-Sdk-Date")); // then check the allowed skew
 * String sk = lookUpSecretKey(auth.accessKey());                      // unknown AK -> 401
 * if (!SdkHmacSha256.verify(req, auth, sk)) { ... 401 ... }
 * }</pre>
 *
 * <p>Client: {@code new Signer(ak, sk).sign(method, uri, headers, body)} returns the {@code X-Sdk-Date} and
 * {@code Authorization} headers to add.
 */
package org.openkps.signing;
