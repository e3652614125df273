package io.mekong.api;

class NotFoundException extends RuntimeException {

    NotFoundException(String what) {
        super(what + " not found");
    }
}
