package com.journeyassistant.generation;

/**
 * What a caller may ask of the persona, opportunity, solution and experiment jobs: how many
 * suggestions (each job has its own default and maximum) and in which language (nl or en;
 * by default the brand profile's, else the journey's).
 */
record JobRequest(Integer count, String language) {

    /** A request without a body: every default. */
    static JobRequest orDefaults(JobRequest request) {
        return request == null ? new JobRequest(null, null) : request;
    }
}
