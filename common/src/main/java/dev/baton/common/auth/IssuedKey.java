package dev.baton.common.auth;

import dev.baton.proto.v1.ApiKey;

/** A key just created or rotated, with the secret that is shown only now. */
public record IssuedKey(ApiKey key, KeySecret secret) {}
