package org.openkps.server.vault;

/** {@code type} is {@code kms} but neither {@code kms_key_id} nor {@code kms_key_name} was given. */
public class MissingKmsKeyException extends InvalidKeyProtectionException {

    private static final long serialVersionUID = 1L;

    public MissingKmsKeyException() {
        super("kms_key_id or kms_key_name is required when type is kms");
    }
}
