package com.journeyassistant.journey;

public enum SolutionStatus {
    IDEA, PLANNED, IN_PROGRESS, DONE, DISCARDED
}
