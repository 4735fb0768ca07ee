package com.journeyassistant.journey;

import com.journeyassistant.platform.ExpectedVersion;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Item responses carry their version as an ETag, so a client can update with If-Match. */
final class Responses {

    private Responses() {
    }

    static <T> ResponseEntity<T> item(T body, long version) {
        return ResponseEntity.ok().eTag(ExpectedVersion.etag(version)).body(body);
    }

    static <T> ResponseEntity<T> created(String itemPath, Object id, T body, long version) {
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(itemPath).buildAndExpand(id).toUri();
        return ResponseEntity.status(HttpStatus.CREATED).location(location)
                .eTag(ExpectedVersion.etag(version)).body(body);
    }
}
