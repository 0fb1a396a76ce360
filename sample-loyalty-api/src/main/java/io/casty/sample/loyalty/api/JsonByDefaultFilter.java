package io.casty.sample.loyalty.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a POST body as JSON when the client did not say it is JSON: {@code curl -d
 * '{"amount":100}'} declares {@code application/x-www-form-urlencoded} unless told otherwise,
 * and a bare request may declare no type at all. This API takes nothing but JSON, so reading
 * those bodies as JSON is what the caller meant; a body that is not JSON still gets a 400 showing
 * the expected shape, and any other declared type still gets its 415.
 */
@Component
class JsonByDefaultFilter extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String contentType = request.getContentType();
		return !HttpMethod.POST.matches(request.getMethod()) || (contentType != null
				&& !contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE));
	}

	// A POST answers from a future, so Spring MVC dispatches the request a second time to write
	// the answer, matching the handler's consumes = JSON again. Tomcat hands that dispatch this
	// wrapper, but a container that hands it the original request (MockMvc does) would answer 415
	// after the points were added. Wrapping the second dispatch too makes both see JSON.
	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new JsonRequest(request), response);
	}

	/** The request, declaring {@code application/json} as its content type. */
	private static final class JsonRequest extends HttpServletRequestWrapper {

		JsonRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getContentType() {
			return MediaType.APPLICATION_JSON_VALUE;
		}

		@Override
		public String getHeader(String name) {
			return isContentType(name) ? getContentType() : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return isContentType(name) ? Collections.enumeration(List.of(getContentType())) : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = new ArrayList<>(Collections.list(super.getHeaderNames()));
			if (names.stream().noneMatch(JsonRequest::isContentType)) {
				names.add(HttpHeaders.CONTENT_TYPE);
			}
			return Collections.enumeration(names);
		}

		private static boolean isContentType(String name) {
			return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name);
		}

	}

}
