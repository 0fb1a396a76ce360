package io.casty.sample.loyalty.api;

import io.casty.EntityFailedException;
import io.casty.client.AskLimitExceededException;
import io.casty.client.AskTimeoutException;
import io.casty.client.ClientBufferFullException;
import io.casty.client.ClusterUnavailableException;
import io.casty.client.ReplyLostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as RFC 9457 problem details ({@code application/problem+json}).
 *
 * <p>Spring MVC's own errors (404, 405, 415, unreadable bodies, ...) get their problem details
 * from {@link ResponseEntityExceptionHandler}, as does the controller's 422 for an addition that
 * would overflow. This adds the cluster's failures, names each invalid input (path variable,
 * header or body field, as the client spells it) in {@code detail} and an {@code errors} list,
 * and keeps unexpected failures from leaking a stack trace.
 *
 * <p>The cluster's failures, none of which confirms an addition:
 * <ul>
 * <li>503 with {@code Retry-After} when the cluster cannot be reached or the client's buffer is
 * full (nothing was sent), or the reply was lost with its node (the addition may have been
 * made);</li>
 * <li>503 with {@code Retry-After} and the {@code reason} when the account itself failed
 * ({@link EntityFailedException}): its journal could not make the addition durable (the event
 * may still have reached it), or it could not read its state back. The failure is the
 * account's, not the request's: the account restarts and recovers by itself once its journal
 * answers, so the same request is expected to succeed later;</li>
 * <li>504 when the account did not answer in time (the addition may have been made).</li>
 * </ul>
 * A POST retried after any of them with the same {@code Idempotency-Key} adds its points once.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	/** Seconds a client should wait before retrying while the cluster is unavailable. */
	private static final String RETRY_AFTER_SECONDS = "1";

	// A lost reply means the node holding the user went away mid-question: asking again shortly
	// reaches the shard's new owner, so it is answered like an unavailable cluster, not a timeout.
	@ExceptionHandler({ ClusterUnavailableException.class, ClientBufferFullException.class, ReplyLostException.class,
			AskLimitExceededException.class })
	ResponseEntity<ProblemDetail> clusterUnavailable(RuntimeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("Cluster unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.body(problem);
	}

	// Nothing was acknowledged, and the account restarts (or retries its recovery) by itself: the
	// same request is expected to succeed later, so this is a 503 to retry, not a 500, with the
	// reason for whoever reads it.
	@ExceptionHandler(EntityFailedException.class)
	ResponseEntity<ProblemDetail> entityFailed(EntityFailedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("Account unavailable");
		problem.setProperty("reason", ex.reason().name());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.body(problem);
	}

	@ExceptionHandler(AskTimeoutException.class)
	ResponseEntity<ProblemDetail> askTimeout(AskTimeoutException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT, ex.getMessage());
		problem.setTitle("Cluster did not answer in time");
		return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(problem);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		logger.error("Request failed unexpectedly", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request failed unexpectedly; the API's log has the cause.");
		return ResponseEntity.internalServerError().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		ex.getBindingResult().getFieldErrors().forEach((error) -> errors.add(fieldError(error)));
		return handleExceptionInternal(ex, invalidInput(ex.getBody(), errors), headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors bodyErrors) {
				bodyErrors.getFieldErrors().forEach((error) -> errors.add(fieldError(error)));
			}
			else {
				String parameter = inputName(result.getMethodParameter());
				result.getResolvableErrors()
					.forEach((error) -> errors.add(error(parameter, error.getDefaultMessage())));
			}
		}
		return handleExceptionInternal(ex, invalidInput(ex.getBody(), errors), headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = createProblemDetail(ex, status,
				"The request body must be a JSON object like {\"amount\": 100}, with amount a positive integer.", null,
				null, request);
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/** The input as the client sends it: a header by its name, a path variable by the parameter's. */
	private static String inputName(MethodParameter parameter) {
		RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
		if (header == null) {
			return parameter.getParameterName();
		}
		return header.name().isEmpty() ? header.value() : header.name();
	}

	private static ProblemDetail invalidInput(ProblemDetail problem, List<Map<String, String>> errors) {
		problem.setDetail(String.join("; ",
				errors.stream().map((error) -> error.get("name") + " " + error.get("message")).toList()));
		problem.setProperty("errors", errors);
		return problem;
	}

	private static Map<String, String> fieldError(FieldError error) {
		return error(error.getField(), error.getDefaultMessage());
	}

	private static Map<String, String> error(String name, String message) {
		Map<String, String> error = new LinkedHashMap<>();
		error.put("name", name);
		error.put("message", message);
		return error;
	}

}
