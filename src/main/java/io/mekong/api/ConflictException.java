package io.mekong.api;

class ConflictException extends RuntimeException {

    ConflictException(String message) {
        super(message);
    }
}
