package com.journeyassistant.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** Dutch or English: the person's choice ({@code ?lang=nl}, kept in a cookie), else the browser's. */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("nl"));

    private final int pagesAtOnce;

    /** {@code pagesAtOnce}: how many pages render at the same time ({@link PageGate}); by default twice the cores. */
    WebConfig(@org.springframework.beans.factory.annotation.Value("${journey.web.pages-at-once:0}") int pagesAtOnce) {
        this.pagesAtOnce = pagesAtOnce > 0 ? pagesAtOnce : Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("journey-lang") {
            @Override
            public void setLocale(jakarta.servlet.http.HttpServletRequest request,
                                  jakarta.servlet.http.HttpServletResponse response, Locale locale) {
                super.setLocale(request, response, supported(locale));
            }
        };
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setDefaultLocaleFunction(request -> {
            Locale browser = request.getLocale();
            return supported(browser);
        });
        return resolver;
    }

    /** Dutch for Dutch, English for everything else. */
    static Locale supported(Locale locale) {
        return locale != null && locale.getLanguage().equals("nl") ? LANGUAGES.get(1) : LANGUAGES.get(0);
    }

    /**
     * The page's own styles and scripts and the WebJars, each under its own path. Boot's default
     * maps static resources to every path, which makes every link a page renders (a canvas has
     * hundreds) a class-path lookup: that cost the canvas two thirds of its time.
     */
    @Override
    public void addResourceHandlers(org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry registry) {
        org.springframework.http.CacheControl cache = org.springframework.http.CacheControl.maxAge(Duration.ofHours(1));
        registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/").setCacheControl(cache);
        registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/").setCacheControl(cache);
        registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(cache).resourceChain(true)
                .addResolver(new org.springframework.web.servlet.resource.LiteWebJarsResourceResolver());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).excludePathPatterns("/api/**");
        registry.addInterceptor(new PageGate(pagesAtOnce)).excludePathPatterns("/api/**", "/chat/turns/**",
                "/**/export", "/css/**", "/js/**", "/webjars/**", "/actuator/**", "/error");
    }
}
