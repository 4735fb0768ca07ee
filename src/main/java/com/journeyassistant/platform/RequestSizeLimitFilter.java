package com.journeyassistant.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code journey.api.max-request-size} (evidence uploads:
 * {@code journey.evidence.max-upload-size}) with 413: up front when Content-Length says so,
 * and while reading for chunked bodies that grow past the limit.
 */
@org.springframework.stereotype.Component
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private static final java.util.regex.Pattern UPLOAD = java.util.regex.Pattern.compile(
            "^/api/workspaces/[^/]+/evidence/.+|^/evidence/upload$");

    private final long maxBytes;
    private final long maxUploadBytes;
    private final ProblemWriter problems;

    RequestSizeLimitFilter(@Value("${journey.api.max-request-size:2MB}") DataSize maxRequestSize,
                           @Value("${journey.evidence.max-upload-size:200MB}") DataSize maxUploadSize,
                           ProblemWriter problems) {
        this.maxBytes = maxRequestSize.toBytes();
        this.maxUploadBytes = maxUploadSize.toBytes();
        this.problems = problems;
    }

    static String tooLargeDetail(long maxBytes) {
        return "The request body is larger than the limit of " + DataSize.ofBytes(maxBytes).toKilobytes()
                + " KB (settings journey.api.max-request-size, and journey.evidence.max-upload-size for evidence uploads)";
    }

    /** The limit a body broke while being read, if that is why reading failed. */
    static java.util.OptionalLong exceededLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException tooLarge) {
                return java.util.OptionalLong.of(tooLarge.limit);
            }
        }
        return java.util.OptionalLong.empty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = UPLOAD.matcher(request.getRequestURI()).matches() ? maxUploadBytes : maxBytes;
        if (request.getContentLengthLong() > limit) {
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "Request too large", tooLargeDetail(limit), List.of());
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    static final class BodyTooLargeException extends IOException {
        private final long limit;

        BodyTooLargeException(long limit) {
            super("request body exceeds the configured limit");
            this.limit = limit;
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), maxBytes);
            }
            return limited;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long maxBytes;
        private long read;

        LimitedInputStream(ServletInputStream delegate, long maxBytes) {
            this.delegate = delegate;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) throws BodyTooLargeException {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
